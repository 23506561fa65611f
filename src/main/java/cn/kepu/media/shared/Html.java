package cn.kepu.media.shared;

import java.util.regex.Pattern;

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

    private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt|quot|#39);");

    /**
     * The inverse of {@link #escape}, in one pass: the five entities it writes become their characters again
     * ({@code &amp;lt;} becomes {@code &lt;}, not {@code <}); any other {@code &} stays as it is. For text the service
     * escaped itself (search highlights) that must be escaped again in another context.
     */
    public static String unescape(String html) {
        return ENTITY.matcher(html).replaceAll(m -> switch (m.group()) {
            case "&amp;" -> "&";
            case "&lt;" -> "<";
            case "&gt;" -> ">";
            case "&quot;" -> "\"";
            default -> "'";
        });
    }
}
