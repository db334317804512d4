package io.edakit.app.cli;

/** A failure as one line for people: the messages of its causes, outermost first, each once. */
final class Failures {

    private Failures() {
    }

    static String oneLine(Throwable failure) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            message = message.strip().replaceAll("\\s*\\R\\s*", " ");
            if (!line.toString().contains(message)) {
                line.append(line.length() == 0 ? "" : " <- ").append(message);
            }
        }
        return line.toString();
    }
}
