package io.devstate.state;

/** Entity tags of the state: the quoted checksum. */
public final class ETags {

    private ETags() {
    }

    /** Whether an If-Match / If-None-Match list names the checksum (weak tags compare equal here). */
    public static boolean contains(String header, String checksum) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(checksum)) {
                return true;
            }
        }
        return false;
    }
}
