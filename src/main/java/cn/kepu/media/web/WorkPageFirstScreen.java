package cn.kepu.media.web;

import static cn.kepu.media.web.FirstScreen.html;

import cn.kepu.media.web.FirstScreen.Template;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A work page ({@code /works/{id}}) is sent with its first screen ({@link FirstScreen}): the page's own first query
 * ({@code WorkPage} in {@code src/main/webui/src/pages/work/WorkPage.tsx}) asked as an anonymous visitor, and the top
 * of the page (title, preview with its size, credit line) rendered as HTML. Only a published work's public answer is
 * embedded: an id that is not one, a work that is not published or unknown get the plain page, as do the cases
 * {@link FirstScreen} falls back on.
 */
@ApplicationScoped
public class WorkPageFirstScreen {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");

    private final FirstScreen firstScreen;

    WorkPageFirstScreen(FirstScreen firstScreen) {
        this.firstScreen = firstScreen;
    }

    void register(@Observes Router router) {
        if (firstScreen.available()) {
            router.get("/works/:id").order(FirstScreen.ORDER).handler(this::serve);
        }
    }

    private void serve(RoutingContext context) {
        String id = context.pathParam("id");
        if (id == null || !ID.matcher(id).matches()) {
            context.next();
            return;
        }
        firstScreen.serve(context, "WorkPage", new JsonObject().put("id", id), (page, answer) -> render(page, id, answer));
    }

    /**
     * The page for work {@code id} from the GraphQL answer, or empty when the answer is not a published work's
     * (errors, no work, another id, another status).
     */
    static Optional<String> render(Template page, String id, String answer) {
        JsonObject work;
        try {
            JsonObject json = new JsonObject(answer);
            JsonObject data = json.getJsonObject("data");
            work = data == null ? null : data.getJsonObject("work");
            if (json.getValue("errors") != null || work == null || !id.equals(work.getString("id"))
                    || !"PUBLISHED".equals(work.getString("status"))) {
                return Optional.empty();
            }
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
        return Optional.of(page.page("WorkPage", "/works/" + id, answer, markup(work, page.text("credit"))));
    }

    /**
     * The top of WorkPage.tsx's page as React renders it (antd's class names and the page's inline styles, with the
     * theme's variables from {@code .kepu-fs}): the title, the first preview (or the kind's placeholder) and the
     * credit line, in Chinese.
     */
    static String markup(JsonObject work, String creditLabel) {
        String title = String.valueOf(work.getString("title"));
        return "<article><h1 class=\"ant-typography kepu-fs\" style=\"font-size:26px\">" + html(title) + "</h1>"
                + "<div class=\"judge-layout\" style=\"margin-top:16px\">"
                + "<div class=\"ant-card ant-card-bordered kepu-fs\"><div class=\"ant-card-body\" style=\"padding:0\">"
                + preview(work, title) + "</div></div>"
                + "<div class=\"ant-space ant-space-vertical ant-space-gap-row-small ant-space-gap-col-small kepu-fs\" style=\"width:100%\">"
                + "<div class=\"ant-space-item\"><div class=\"ant-card ant-card-bordered ant-card-small kepu-fs\">"
                + "<div class=\"ant-card-head\"><div class=\"ant-card-head-wrapper\"><div class=\"ant-card-head-title\">"
                + html(creditLabel) + "</div></div></div><div class=\"ant-card-body\">"
                + "<div class=\"ant-typography kepu-fs\" style=\"margin:0\">" + html(String.valueOf(work.getString("creditLine")))
                + "</div></div></div></div></div></div></article>";
    }

    /** The first preview: an image (a video's poster) with its size reserved, else the kind's placeholder. */
    private static String preview(JsonObject work, String title) {
        JsonArray previews = work.getJsonArray("previews");
        JsonObject first = previews == null || previews.isEmpty() ? null : previews.getJsonObject(0);
        Optional<String> src = first == null ? Optional.empty()
                : FirstScreen.safeUrl("VIDEO".equals(first.getString("mediaType")) ? first.getString("posterUrl")
                        : Optional.ofNullable(first.getString("previewUrl")).orElse(first.getString("thumbnailUrl")));
        if (src.isEmpty()) {
            return "<div class=\"thumb\" aria-hidden=\"true\" data-kind=\"" + html(String.valueOf(work.getString("kind")))
                    + "\"></div>";
        }
        String alt = previews.size() > 1 ? title + " (1/" + previews.size() + ")" : title;
        return "<div class=\"zoom-image\"><img decoding=\"async\"" + size("width", first.getValue("width"))
                + size("height", first.getValue("height")) + " fetchpriority=\"high\" src=\"" + html(src.get()) + "\" alt=\""
                + html(alt) + "\"></div>";
    }

    private static String size(String attribute, Object value) {
        return value instanceof Number n && n.intValue() > 0 ? " " + attribute + "=\"" + n.intValue() + "\"" : "";
    }
}
