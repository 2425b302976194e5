package org.msqsim.cli.report;

/** A command's result in the three output forms every command offers. */
public interface Report {
    String table();

    /** A tree of maps, lists and scalars for {@link Json#write}. */
    Object json();

    String csv();

    /** The report rendered in {@code format}, ending with a newline. */
    default String render(OutputFormat format) {
        String text = switch (format) {
            case json -> Json.write(json());
            case csv -> csv();
            case table -> table();
        };
        return text.endsWith("\n") ? text : text + "\n";
    }
}
