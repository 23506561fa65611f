package cn.kepu.media.works.api;

import cn.kepu.media.works.Licence;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("LicenceInfo")
public record LicenceView(@NonNull Licence code, @NonNull String title, String url, boolean commercialUse) {

    public static LicenceView of(Licence licence) {
        return new LicenceView(licence, licence.title(), licence.url(), licence.commercialUse());
    }
}
