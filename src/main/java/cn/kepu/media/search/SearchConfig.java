package cn.kepu.media.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kepu.search")
public interface SearchConfig {

    /** Prepended to every index and alias name, so dev, test and several deployments can share a cluster. */
    @WithDefault("")
    String indexPrefix();
}
