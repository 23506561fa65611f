package cn.kepu.media.works.api;

import cn.kepu.media.identity.Region;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkSnapshot;
import cn.kepu.media.works.WorkStatus;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A work as the API shows it; creators, topics and owner are batch-resolved in {@link WorkGraphQL}. */
@Name("Work")
@Description("A science-popularisation work: poster, photo, short video, article or other.")
public record WorkView(
        @Id @NonNull String id,
        @NonNull WorkKind kind,
        @NonNull @Description("Title in Chinese.") String title,
        @Description("Title in English, if given.") String titleEn,
        @NonNull String description,
        String descriptionEn,
        @NonNull List<@NonNull String> tags,
        @NonNull Region region,
        @NonNull @Description("How media outlets must credit the work.") String creditLine,
        @NonNull LicenceView licence,
        @NonNull WorkStatus status,
        Instant publishedAt,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt,
        @Description("Optimistic-locking version: pass it back to updateWork.") int version,
        @Description("Whether the work has at least one verified file (see the hasFiles filters).") boolean hasFiles) {

    public static WorkView of(Work work) {
        return of(WorkSnapshot.of(work));
    }

    public static WorkView of(WorkSnapshot work) {
        return new WorkView(work.id().toString(), work.kind(), work.title(), work.titleEn(), work.description(),
                work.descriptionEn(), work.tags(), work.region(), work.creditLine(), LicenceView.of(work.licence()),
                work.status(), work.publishedAt(), work.createdAt(), work.updatedAt(),
                Math.toIntExact(work.version()), work.hasFiles());
    }
}
