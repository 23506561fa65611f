package cn.kepu.media.works.api;

import cn.kepu.media.works.Topic;
import cn.kepu.media.works.WorkService;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Topic")
public record TopicView(@NonNull String code, @NonNull String nameZh, @NonNull String nameEn) {

    public static TopicView of(Topic topic) {
        return new TopicView(topic.code, topic.nameZh, topic.nameEn);
    }

    public static TopicView of(WorkService.TopicName topic) {
        return new TopicView(topic.code(), topic.nameZh(), topic.nameEn());
    }
}
