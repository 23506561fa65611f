package cn.kepu.media.works.api;

import cn.kepu.media.works.Creator;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Creator")
public record CreatorView(@NonNull String name, String nameEn, String affiliation, String role) {

    public static CreatorView of(Creator creator) {
        return new CreatorView(creator.name, creator.nameEn, creator.affiliation, creator.role);
    }
}
