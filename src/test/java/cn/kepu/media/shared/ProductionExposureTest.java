package cn.kepu.media.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * What a production build exposes (issue 8 item 3), read from application.properties exactly as Quarkus resolves it
 * for the {@code prod} profile, next to what dev keeps: no GraphiQL, no introspection (and so no schema download, see
 * {@code StrictLimitsProfileTest}) unless configured, health and metrics on the management port only.
 */
class ProductionExposureTest {

    private static SmallRyeConfig config(String profile) throws IOException {
        URL properties = ProductionExposureTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250)).build();
    }

    @Test
    void productionShipsNoGraphiqlAndNoIntrospectionByDefault() throws IOException {
        SmallRyeConfig prod = config("prod");
        assertThat(prod.getOptionalValue("quarkus.smallrye-graphql.ui.always-include", Boolean.class).orElse(false))
                .as("GraphiQL in a production build").isFalse();
        assertThat(prod.getValue("kepu.graphql.introspection", Boolean.class)).isFalse();
    }

    @Test
    void productionServesHealthAndMetricsOnTheManagementPortOnly() throws IOException {
        SmallRyeConfig prod = config("prod");
        assertThat(prod.getValue("quarkus.management.enabled", Boolean.class)).isTrue();
        assertThat(prod.getValue("quarkus.management.port", Integer.class))
                .isNotEqualTo(prod.getValue("quarkus.http.port", Integer.class));
    }

    @Test
    void devKeepsEverything() throws IOException {
        SmallRyeConfig dev = config("dev");
        assertThat(dev.getValue("kepu.graphql.introspection", Boolean.class)).isTrue();
        assertThat(dev.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false)).isFalse();
    }
}
