package cn.kepu.media.search;

import org.eclipse.microprofile.graphql.Description;

@Description("Order of searchWorks results; RELEVANCE without query text falls back to newest first.")
public enum SearchSort {
    RELEVANCE, NEWEST, MOST_DOWNLOADED
}
