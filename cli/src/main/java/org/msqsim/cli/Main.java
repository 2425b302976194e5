package org.msqsim.cli;

/** Entry point of the {@code msqsim} program. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("msqsim");
    }
}
