package org.msqsim.cli.report;

/** How a command prints its report. */
public enum OutputFormat {
    /** Aligned columns for a terminal. */
    table,
    /** One JSON document. */
    json,
    /** Comma-separated values, one header line. */
    csv
}
