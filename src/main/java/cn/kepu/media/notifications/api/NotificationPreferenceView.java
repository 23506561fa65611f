package cn.kepu.media.notifications.api;

import cn.kepu.media.notifications.NotificationKind;
import cn.kepu.media.notifications.NotificationPreferences;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NotificationPreference")
@Description("Whether the caller gets e-mails of one kind.")
public record NotificationPreferenceView(@NonNull NotificationKind kind, boolean enabled) {

    public static NotificationPreferenceView of(NotificationPreferences.Preference p) {
        return new NotificationPreferenceView(p.kind(), p.enabled());
    }
}
