package cn.kepu.media.demo;

import cn.kepu.media.contests.Contest;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.OrganizationType;
import cn.kepu.media.identity.Region;
import cn.kepu.media.identity.Role;
import cn.kepu.media.works.Creator;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the demo data once per database (idempotent: skipped when {@code organizer1} exists). Demo accounts use
 * their login as token subject, so {@code GET /dev/token/entrant1} signs in as the demo entrant.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Demo accounts: login, display name, organisation, type, region, roles. */
    public static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("entrant1", "林晓雨", "中国科学技术大学", OrganizationType.UNIVERSITY, Region.ANHUI, Role.ENTRANT),
            new DemoAccount("entrant2", "Zhou Ming", "深圳市光年科技有限公司", OrganizationType.ENTERPRISE, Region.GUANGDONG, Role.ENTRANT),
            new DemoAccount("entrant3", "阿依古丽", "石河子大学", OrganizationType.UNIVERSITY, Region.XPCC, Role.ENTRANT),
            new DemoAccount("judge1", "王建国", "中国科学院物理研究所", OrganizationType.RESEARCH_INSTITUTE, Region.BEIJING, Role.JUDGE),
            new DemoAccount("judge2", "陈静", "上海科技馆", OrganizationType.SOCIETY, Region.SHANGHAI, Role.JUDGE),
            new DemoAccount("moderator1", "审核员 李", "科技周组委会", OrganizationType.SOCIETY, Region.BEIJING, Role.MODERATOR),
            new DemoAccount("organizer1", "组委会 赵", "科技周组委会", OrganizationType.SOCIETY, Region.BEIJING, Role.ORGANIZER),
            new DemoAccount("media1", "科技日报 记者", "科技日报社", OrganizationType.MEDIA_OUTLET, Region.BEIJING, Role.MEDIA));

    public record DemoAccount(String login, String displayName, String organization, OrganizationType type,
            Region region, Role role) {
    }

    private final boolean enabled;
    private final Clock clock;

    public DemoData(@ConfigProperty(name = "kepu.demo-data.enabled", defaultValue = "false") boolean enabled,
            Clock clock) {
        this.enabled = enabled;
        this.clock = clock;
    }

    @Transactional
    void load(@Observes StartupEvent start) {
        if (!enabled || Account.findBySubject("organizer1").isPresent()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ACCOUNTS.forEach(a -> account(a, now));
        contest(now);
        works(now);
        LOG.infof("Loaded demo data: %d accounts, 1 contest, %d works", ACCOUNTS.size(), Work.count());
    }

    private static void account(DemoAccount demo, Instant now) {
        Account account = new Account();
        account.id = UUID.nameUUIDFromBytes(("demo-account:" + demo.login()).getBytes());
        account.subject = demo.login();
        account.displayName = demo.displayName();
        account.organization = demo.organization();
        account.organizationType = demo.type();
        account.region = demo.region();
        account.roles = new String[] {demo.role().name()};
        // Notifications from dev runs land in the local stack's SMTP server (GreenMail), one mailbox per demo login.
        account.email = demo.login() + "@demo.kepu.local";
        account.language = demo.displayName().matches(".*\\p{IsHan}.*") ? "zh" : "en";
        account.createdAt = now;
        account.updatedAt = now;
        account.persist();
    }

    private static void contest(Instant now) {
        Contest contest = new Contest();
        contest.id = UUID.nameUUIDFromBytes("demo-contest:2025".getBytes());
        contest.year = 2025;
        contest.title = "2025年全国科技活动周 科普作品主题征集";
        contest.theme = "矢志创新发展 建设科技强国";
        contest.description = "面向社会公众和科技工作者征集科普海报、科普摄影和科普短视频作品，"
                + "聚焦人工智能、生物技术、量子科技、航空航天、深海深地探测、新能源、新材料等领域。";
        contest.timeZone = SHANGHAI.getId();
        contest.submissionOpensAt = LocalDateTime.of(2025, 3, 1, 0, 0).atZone(SHANGHAI).toInstant();
        contest.submissionClosesAt = LocalDateTime.of(2025, 4, 30, 23, 59, 59).atZone(SHANGHAI).toInstant();
        contest.createdAt = now;
        contest.persist();
    }

    private static void works(Instant now) {
        record Seed(String owner, WorkKind kind, String title, String titleEn, String description, Set<String> topics,
                Region region, String creator, String affiliation, Licence licence, WorkStatus status, String... tags) {
        }
        List<Seed> seeds = List.of(
                new Seed("entrant1", WorkKind.POSTER, "量子计算：从比特到量子比特", "Quantum computing: from bits to qubits",
                        "用一张海报讲清叠加与纠缠，以及量子计算机为何擅长某些难题。", Set.of("QUANTUM_TECHNOLOGY"),
                        Region.ANHUI, "林晓雨", "中国科学技术大学", Licence.CC_BY_4_0, WorkStatus.PUBLISHED, "量子计算", "科普海报"),
                new Seed("entrant1", WorkKind.SHORT_VIDEO, "人工智能如何识别一只猫", "How AI recognises a cat",
                        "三分钟短视频，演示卷积神经网络逐层提取图像特征的过程。", Set.of("ARTIFICIAL_INTELLIGENCE"),
                        Region.ANHUI, "林晓雨", "中国科学技术大学", Licence.CC_BY_NC_4_0, WorkStatus.PUBLISHED, "人工智能", "机器学习"),
                new Seed("entrant2", WorkKind.PHOTO, "深海探测器“奋斗者”号出舱瞬间", "The Fendouzhe submersible leaving its hangar",
                        "在科考船甲板上拍摄的万米级载人潜水器布放瞬间。", Set.of("DEEP_SEA_DEEP_EARTH"),
                        Region.GUANGDONG, "周明", "深圳市光年科技有限公司", Licence.EDITORIAL_USE_ONLY, WorkStatus.PUBLISHED, "深海探测", "载人潜水器"),
                new Seed("entrant2", WorkKind.POSTER, "新能源汽车电池的一生", "The life of an EV battery",
                        "从正极材料到梯次利用与回收，图解动力电池的全生命周期。", Set.of("NEW_ENERGY", "NEW_MATERIALS"),
                        Region.GUANGDONG, "周明", null, Licence.CC_BY_4_0, WorkStatus.PUBLISHED, "新能源", "电池回收"),
                new Seed("entrant3", WorkKind.PHOTO, "戈壁上的光伏海", "A sea of solar panels in the Gobi",
                        "兵团光伏基地航拍，记录荒漠变成绿色电站的过程。", Set.of("NEW_ENERGY"),
                        Region.XPCC, "阿依古丽", "石河子大学", Licence.CC_BY_4_0, WorkStatus.PUBLISHED, "光伏", "航拍"),
                new Seed("entrant3", WorkKind.SHORT_VIDEO, "棉花基因编辑小课堂", "Gene editing in cotton, explained",
                        "用动画讲解基因编辑技术如何培育抗虫棉花。", Set.of("BIOTECHNOLOGY"),
                        Region.XPCC, "阿依古丽", "石河子大学", Licence.CC_BY_NC_4_0, WorkStatus.PUBLISHED, "基因编辑", "农业"),
                new Seed("entrant1", WorkKind.ARTICLE, "中国空间站里的科学实验", "Science experiments aboard the Chinese space station",
                        "梳理空间站开展的微重力燃烧、流体和生命科学实验。", Set.of("AEROSPACE"),
                        Region.ANHUI, "林晓雨", "中国科学技术大学", Licence.CC_BY_4_0, WorkStatus.PUBLISHED, "航天", "空间站"),
                new Seed("entrant2", WorkKind.POSTER, "石墨烯：一层原子的奇迹", "Graphene: a miracle one atom thick",
                        "石墨烯的结构、性质与应用前景一图读懂。", Set.of("NEW_MATERIALS"),
                        Region.GUANGDONG, "周明", null, Licence.CC_BY_SA_4_0, WorkStatus.PUBLISHED, "新材料", "石墨烯"),
                new Seed("entrant3", WorkKind.OTHER, "科学家精神主题互动展板", "Interactive panels on the spirit of scientists",
                        "以老一辈科学家的故事为线索的互动展板设计。", Set.of("GENERAL_SCIENCE"),
                        Region.XPCC, "阿依古丽", "石河子大学", Licence.ALL_RIGHTS_RESERVED, WorkStatus.PUBLISHED, "科学家精神"),
                new Seed("entrant1", WorkKind.PHOTO, "实验室里的超导磁悬浮", "Superconducting levitation in the lab",
                        "液氮冷却下的超导体稳稳“悬浮”在磁轨上方。", Set.of("NEW_MATERIALS", "QUANTUM_TECHNOLOGY"),
                        Region.ANHUI, "林晓雨", "中国科学技术大学", Licence.CC_BY_4_0, WorkStatus.IN_MODERATION, "超导"),
                new Seed("entrant2", WorkKind.SHORT_VIDEO, "大模型是怎样炼成的", "How large language models are made",
                        "从数据、算力到对齐训练，讲讲大模型背后的工程。", Set.of("ARTIFICIAL_INTELLIGENCE"),
                        Region.GUANGDONG, "周明", "深圳市光年科技有限公司", Licence.CC_BY_4_0, WorkStatus.DRAFT, "大模型"),
                new Seed("entrant3", WorkKind.POSTER, "火星车的一天", "A day in the life of a Mars rover",
                        "祝融号火星车一天的工作安排与科学探测任务。", Set.of("AEROSPACE"),
                        Region.XPCC, "阿依古丽", null, Licence.CC_BY_4_0, WorkStatus.REJECTED, "火星", "祝融号"));

        for (int i = 0; i < seeds.size(); i++) {
            Seed seed = seeds.get(i);
            Work work = new Work();
            work.id = UUID.nameUUIDFromBytes(("demo-work:" + i).getBytes());
            work.ownerId = UUID.nameUUIDFromBytes(("demo-account:" + seed.owner()).getBytes());
            work.kind = seed.kind();
            work.title = seed.title();
            work.titleEn = seed.titleEn();
            work.description = seed.description();
            work.tags = seed.tags();
            work.topicCodes.addAll(seed.topics());
            work.creators.add(new Creator(seed.creator(), null, seed.affiliation(), null));
            work.region = seed.region();
            work.creditLine = seed.affiliation() == null ? seed.creator() : seed.creator() + "（" + seed.affiliation() + "）";
            work.licence = seed.licence();
            work.status = seed.status();
            // Spread creation over the past days so "newest first" is a visible order.
            work.createdAt = now.minus(seeds.size() - i, ChronoUnit.HOURS);
            work.updatedAt = work.createdAt;
            work.publishedAt = seed.status() == WorkStatus.PUBLISHED ? work.createdAt : null;
            work.persist();
        }
    }
}
