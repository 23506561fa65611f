package cn.kepu.media.notifications;

import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a notification from {@code templates/notifications/<KIND>_<zh|en>.txt}: each template holds a
 * {@code subject} fragment and the body. Templates see {@code name} (the recipient), {@code appUrl}, {@code p} (the
 * first row's params), {@code items} (every row's params, for digests) and {@code count}; coded values are translated
 * beforehand into {@code <param>Text} (e.g. {@code reasonCodeText}) from {@code i18n/notifications_*.properties}.
 */
@ApplicationScoped
public class NotificationTemplates {

    /** Params whose values are codes; their translation is {@code notifications.<param>.<value>}. */
    private static final Set<String> CODED = Set.of("reasonCode", "decision", "stage", "awardTier");
    /** Params holding an instant (ISO-8601), shown as {@code <param>Text} in the recipient's language and zone. */
    private static final List<String> TIMES = List.of("deadline", "releaseAt");
    private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINESE);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    public record Rendered(String subject, String body) {
    }

    private final Engine engine;
    private final NotificationConfig config;

    public NotificationTemplates(Engine engine, NotificationConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** @param language {@code zh} or {@code en}; anything else is Chinese, the default */
    public Rendered render(NotificationKind kind, String language, String recipientName, List<Map<String, Object>> rows) {
        String lang = "en".equals(language) ? "en" : "zh";
        Locale locale = "en".equals(lang) ? Messages.ENGLISH : Messages.CHINESE;
        Template template = engine.getTemplate("notifications/" + kind.name() + "_" + lang);
        if (template == null) {
            throw new IllegalStateException("No template notifications/" + kind + "_" + lang);
        }
        List<Map<String, Object>> items = rows.stream().map(row -> translated(row, locale)).toList();
        Map<String, Object> data = new HashMap<>();
        data.put("name", recipientName);
        data.put("appUrl", config.appUrl());
        data.put("p", items.getFirst());
        data.put("items", items);
        data.put("count", items.size());
        String subject = template.getFragment("subject").instance().data(data).render().strip();
        String body = template.instance().data(data).render().strip() + "\n";
        return new Rendered(subject, body);
    }

    private static Map<String, Object> translated(Map<String, Object> params, Locale locale) {
        Map<String, Object> out = new HashMap<>(params);
        params.forEach((key, value) -> {
            if (CODED.contains(key) && value != null) {
                out.put(key + "Text", Msg.of("notifications." + key + "." + value).in(locale));
            }
        });
        for (String time : TIMES) {
            if (params.get(time) instanceof String at) {
                ZoneId zone = params.get("zone") instanceof String z ? ZoneId.of(z) : ZoneId.of("Asia/Shanghai");
                DateTimeFormatter format = Messages.isEnglish(locale) ? EN_TIME : ZH_TIME;
                out.put(time + "Text", format.format(Instant.parse(at).atZone(zone)) + " (" + zone.getId() + ")");
            }
        }
        return out;
    }
}
