package cn.kepu.media.shared.paging;

import org.eclipse.microprofile.graphql.Description;

/** Relay page information; only forward paging ({@code first}/{@code after}) is offered. */
@Description("Where this page sits in the whole list (Relay cursor connections).")
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
}
