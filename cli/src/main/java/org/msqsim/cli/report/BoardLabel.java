package org.msqsim.cli.report;

import org.msqsim.boards.BoardCatalog;
import org.msqsim.core.spec.BoardSpec;

/**
 * How a report header names the board and, when it is not that board's default design, the design:
 * a built-in board is its display name ("Xilinx ZC706 (XC7Z045)"); any other board (a file, such as a
 * design {@code explore --save-best} wrote) adds its accelerator's name ("Xilinx ZC706 (XC7Z045);
 * design msq-dsp32x18x4-msq32x18-200mhz-buf1"), so that a report never passes a saved or edited design
 * off as the board's own.
 */
public final class BoardLabel {
    private BoardLabel() {
    }

    /** The text in parentheses after the board's id in a report header. */
    public static String described(BoardSpec b) {
        return isBuiltInDefault(b) ? b.displayName() : b.displayName() + "; design " + b.accelerator().name();
    }

    /** Whether {@code b} is a built-in board with its default design (equal to the catalog's). */
    public static boolean isBuiltInDefault(BoardSpec b) {
        return BoardCatalog.ids().contains(b.id()) && BoardCatalog.get(b.id()).equals(b);
    }
}
