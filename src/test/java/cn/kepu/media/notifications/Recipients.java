package cn.kepu.media.notifications;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Mailbox;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Fresh accounts with their own mailbox, for notification tests. */
final class Recipients {

    record Person(GraphQL client, String id, Mailbox mailbox) {
    }

    private Recipients() {
    }

    /** Registers a new account with the given roles, a fresh address and language ({@code ZH}/{@code EN}). */
    static Person register(String prefix, String roles, String language, String organization) {
        String subject = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQL client = GraphQL.asSubject(subject, roles);
        String address = Mailbox.freshAddress(prefix);
        Map<String, Object> input = new HashMap<>();
        input.put("displayName", subject);
        input.put("organizationType", "RESEARCH_INSTITUTE");
        input.put("organization", organization);
        input.put("region", "BEIJING");
        input.put("email", address);
        input.put("language", language);
        String id = client.run("mutation($input: RegisterInput!) { register(input: $input) { id } }",
                Map.of("input", input)).ok().string("register.id");
        return new Person(client, id, Mailbox.of(address));
    }
}
