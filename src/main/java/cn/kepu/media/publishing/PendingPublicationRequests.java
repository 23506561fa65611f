package cn.kepu.media.publishing;

import cn.kepu.media.moderation.PendingPublications;
import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.works.WorkKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** The pending requests the moderation inbox lists (its caller has checked the moderator role). */
@ApplicationScoped
public class PendingPublicationRequests implements PendingPublications {

    private final EntityManager em;

    public PendingPublicationRequests(EntityManager em) {
        this.em = em;
    }

    @Override
    public List<Pending> oldest(Optional<WorkKind> kind, Optional<Cursor> after, int limit) {
        StringBuilder where = new StringBuilder("r.status = :pending");
        kind.ifPresent(k -> where.append(" and r.workId in (select w.id from Work w where w.kind = :kind)"));
        after.ifPresent(c -> where.append(" and (r.requestedAt > :at or (r.requestedAt = :at and r.id > :id))"));
        TypedQuery<PublicationRequest> q = em.createQuery("select r from PublicationRequest r where " + where
                + " order by r.requestedAt, r.id", PublicationRequest.class);
        q.setParameter("pending", PublicationStatus.PENDING);
        kind.ifPresent(k -> q.setParameter("kind", k));
        after.ifPresent(c -> {
            q.setParameter("at", c.at());
            q.setParameter("id", c.id());
        });
        return q.setMaxResults(limit).getResultList().stream()
                .map(r -> new Pending(r.id, r.workId, r.requestedAt)).toList();
    }
}
