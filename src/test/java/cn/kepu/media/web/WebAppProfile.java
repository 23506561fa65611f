package cn.kepu.media.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Quinoa is off in tests by default (API tests need no UI build); the web application's tests switch it on. */
public class WebAppProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.quinoa", "true");
    }
}
