package cn.kepu.media.notifications.api;

import cn.kepu.media.notifications.NotificationKind;
import cn.kepu.media.notifications.NotificationPreferences;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class NotificationGraphQL {

    private final NotificationPreferences preferences;

    public NotificationGraphQL(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @Query("myNotificationPreferences")
    @Description("Which e-mail notifications the caller gets, one entry per kind (all on by default). The address and"
            + " language are the account's (me { email language }, updateMyAccount).")
    public @NonNull List<@NonNull NotificationPreferenceView> myNotificationPreferences() {
        return preferences.mine().stream().map(NotificationPreferenceView::of).toList();
    }

    @Mutation("setNotificationPreference")
    @Description("Switches one kind of e-mail notification on or off for the caller.")
    public @NonNull NotificationPreferenceView setNotificationPreference(@NonNull NotificationKind kind,
            boolean enabled) {
        return NotificationPreferenceView.of(preferences.set(kind, enabled));
    }
}
