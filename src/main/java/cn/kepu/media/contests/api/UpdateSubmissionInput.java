package cn.kepu.media.contests.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("UpdateSubmissionInput")
@Description("Omitted fields stay as they are. Any change sends the submission back to moderation.")
public record UpdateSubmissionInput(String categoryCode, @Id String workId) {
}
