package io.playstream;

/** Outside input (an object key, a configured name) made safe to quote in a log line or an error. */
public final class LogText {

    private LogText() {
    }

    /**
     * {@code value} with control, bidi-override and zero-width characters replaced by {@code ?}, so
     * none can forge a log line or disguise the value, and cut after {@code maxChars} characters.
     */
    public static String printable(String value, int maxChars) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > maxChars ? value.substring(0, maxChars) + "..." : value;
        return shown.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    }
}
