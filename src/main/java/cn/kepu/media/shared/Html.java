package cn.kepu.media.shared;

/** Text the service writes into HTML itself (search highlights, the web pages' first screens). */
public final class Html {

    private Html() {
    }

    /** Text for HTML text and quoted attributes: {@code & < > " '} as entities, everything else as it is. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
