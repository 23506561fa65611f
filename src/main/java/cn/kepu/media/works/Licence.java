package cn.kepu.media.works;

/** Licences a work can be offered under to media outlets; the catalogue is code, the choice is per work. */
public enum Licence {
    CC_BY_4_0("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", true),
    CC_BY_SA_4_0("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", true),
    CC_BY_NC_4_0("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/", false),
    CC_BY_NC_ND_4_0("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/", false),
    EDITORIAL_USE_ONLY("Editorial use only / 仅限新闻报道使用", null, false),
    ALL_RIGHTS_RESERVED("All rights reserved / 保留所有权利", null, false);

    private final String title;
    private final String url;
    private final boolean commercialUse;

    Licence(String title, String url, boolean commercialUse) {
        this.title = title;
        this.url = url;
        this.commercialUse = commercialUse;
    }

    public String title() {
        return title;
    }

    public String url() {
        return url;
    }

    public boolean commercialUse() {
        return commercialUse;
    }
}
