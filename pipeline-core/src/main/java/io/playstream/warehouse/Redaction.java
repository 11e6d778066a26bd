package io.playstream.warehouse;

import java.util.regex.Pattern;

/** Hides secrets that a user may have put into a URI before it reaches a log or an error. */
final class Redaction {

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|private_key_file_pwd|private_key_pwd|passcode|token)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@?]*:)[^/@?]*@");

    private Redaction() {
    }

    static String redact(String uri) {
        if (uri == null) {
            return null;
        }
        String hidden = SECRET_PARAMETER.matcher(uri).replaceAll("$1***");
        return USER_INFO.matcher(hidden).replaceAll("$1***@");
    }
}
