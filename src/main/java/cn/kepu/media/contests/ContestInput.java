package cn.kepu.media.contests;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ContestInput")
@Description("A new contest with its categories, rubric and rounds.")
public record ContestInput(
        @Min(2000) @Max(2100) int year,
        @NonNull @NotBlank @Size(max = 200) String title,
        @NonNull @NotBlank @Size(max = 200) String theme,
        @Size(max = 5000) String description,
        @Description("IANA zone; Asia/Shanghai when omitted.") String timeZone,
        @NonNull @Valid ScheduleInput schedule,
        @Description("Live submissions per entrant; 3 when omitted.") @Min(1) @Max(100) Integer entryLimit,
        @Description("All three when omitted.") List<Declaration> requiredDeclarations,
        @Description("Treat a judge from the entrant's region as conflicted.") Boolean conflictSameRegion,
        @Description("Spread of judge totals (0..100) flagged as disagreement; 20 when omitted.") Double disagreementThreshold,
        @NonNull @Size(min = 1, max = 20) List<@NonNull @Valid CategoryInput> categories,
        @NonNull @Size(min = 1, max = 20) List<@NonNull @Valid CriterionInput> rubric,
        @NonNull @Size(min = 1, max = 5) List<@NonNull @Valid RoundInput> rounds) {

    @Input("ContestScheduleInput")
    public record ScheduleInput(
            @NonNull OffsetDateTime submissionOpensAt,
            @NonNull OffsetDateTime submissionClosesAt,
            OffsetDateTime judgingOpensAt,
            OffsetDateTime judgingClosesAt) {
    }

    @Input("ContestCategoryInput")
    public record CategoryInput(
            @NonNull @NotBlank String code,
            @NonNull @NotBlank @Size(max = 100) String name,
            @NonNull @Size(min = 1) List<cn.kepu.media.works.@NonNull WorkKind> acceptedKinds,
            @Description("Accepted MIME types, e.g. image/jpeg; any when empty.") List<String> mimeTypes,
            @Min(1) Long maxSizeBytes,
            @Min(1) Integer minWidth,
            @Min(1) Integer minHeight,
            Double maxDurationSeconds,
            @Description("Accepted ratios as W:H, e.g. 16:9; any when empty.") List<String> aspectRatios,
            @Description("Whether AI-generated entries are taken; ALLOWED when omitted.") AiPolicy aiPolicy) {
    }

    @Input("RubricCriterionInput")
    public record CriterionInput(
            @NonNull @NotBlank String code,
            @NonNull @NotBlank @Size(max = 100) String name,
            @Description("Relative weight, > 0.") double weight,
            @Description("Scores run from 0 to this.") @Min(1) @Max(100) int scaleMax) {
    }

    @Input("ContestRoundInput")
    public record RoundInput(
            @NonNull @NotBlank @Size(max = 100) String name,
            @Description("Entries advancing to the next round; required for every round but the last.") @Min(1) Integer shortlistSize,
            @Min(1) @Max(20) int judgesPerEntry) {
    }
}
