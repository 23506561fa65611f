package cn.kepu.media.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic corpus of science-popularisation works across the seven fields of the Science Week notice, and the
 * judgement set derived from what each work was generated to be about (never from what search returns).
 *
 * <p>Every work has a primary subject (its title names it, in Chinese and often in English) and a secondary one its
 * description mentions in passing. For a query naming a subject, works about it are relevant with grade 2 and works
 * that only mention it grade 1; for a query also naming an institution or person, works about the subject by them
 * get 2, and works about the subject by others (or mentioning it, by them) 1. {@link #main} writes src/test/resources/search/judgements.tsv; the corpus itself is
 * regenerated from the seed by the test.
 */
public final class RelevanceCorpus {

    static final long SEED = 20251125L;
    static final int SIZE = 5000;

    /** A subject: topic code, Chinese and English names. */
    record Subject(String topic, String zh, String en) {
    }

    /** One generated work; {@code key} is stable ({@code c00042}) and names it in the judgement file. */
    record CorpusWork(String key, UUID id, Subject primary, Subject secondary, String kind, String title,
            String titleEn, String description, String descriptionEn, List<String> tags, String creator,
            String affiliation, String region, String licence, int owner) {
    }

    static final List<Subject> SUBJECTS = List.of(
            new Subject("ARTIFICIAL_INTELLIGENCE", "人工智能", "artificial intelligence"),
            new Subject("ARTIFICIAL_INTELLIGENCE", "机器学习", "machine learning"),
            new Subject("ARTIFICIAL_INTELLIGENCE", "神经网络", "neural networks"),
            new Subject("ARTIFICIAL_INTELLIGENCE", "自动驾驶", "autonomous driving"),
            new Subject("ARTIFICIAL_INTELLIGENCE", "人脸识别", "face recognition"),
            new Subject("ARTIFICIAL_INTELLIGENCE", "语音识别", "speech recognition"),
            new Subject("BIOTECHNOLOGY", "基因编辑", "gene editing"),
            new Subject("BIOTECHNOLOGY", "疫苗研发", "vaccine development"),
            new Subject("BIOTECHNOLOGY", "合成生物学", "synthetic biology"),
            new Subject("BIOTECHNOLOGY", "干细胞", "stem cells"),
            new Subject("BIOTECHNOLOGY", "杂交水稻", "hybrid rice"),
            new Subject("BIOTECHNOLOGY", "蛋白质结构", "protein structure"),
            new Subject("QUANTUM_TECHNOLOGY", "量子计算", "quantum computing"),
            new Subject("QUANTUM_TECHNOLOGY", "量子通信", "quantum communication"),
            new Subject("QUANTUM_TECHNOLOGY", "量子纠缠", "quantum entanglement"),
            new Subject("QUANTUM_TECHNOLOGY", "超导材料", "superconductors"),
            new Subject("QUANTUM_TECHNOLOGY", "原子钟", "atomic clocks"),
            new Subject("AEROSPACE", "空间站", "space station"),
            new Subject("AEROSPACE", "火星探测", "Mars exploration"),
            new Subject("AEROSPACE", "月球探测", "lunar exploration"),
            new Subject("AEROSPACE", "运载火箭", "launch vehicles"),
            new Subject("AEROSPACE", "卫星导航", "satellite navigation"),
            new Subject("AEROSPACE", "大飞机", "large passenger aircraft"),
            new Subject("DEEP_SEA_DEEP_EARTH", "深海探测", "deep-sea exploration"),
            new Subject("DEEP_SEA_DEEP_EARTH", "载人潜水器", "manned submersibles"),
            new Subject("DEEP_SEA_DEEP_EARTH", "海底热液", "hydrothermal vents"),
            new Subject("DEEP_SEA_DEEP_EARTH", "深地钻探", "deep drilling"),
            new Subject("DEEP_SEA_DEEP_EARTH", "地震监测", "earthquake monitoring"),
            new Subject("DEEP_SEA_DEEP_EARTH", "可燃冰", "gas hydrates"),
            new Subject("NEW_ENERGY", "光伏发电", "solar power"),
            new Subject("NEW_ENERGY", "风力发电", "wind power"),
            new Subject("NEW_ENERGY", "氢能源", "hydrogen energy"),
            new Subject("NEW_ENERGY", "储能电池", "battery storage"),
            new Subject("NEW_ENERGY", "核聚变", "nuclear fusion"),
            new Subject("NEW_ENERGY", "新能源汽车", "electric vehicles"),
            new Subject("NEW_MATERIALS", "石墨烯", "graphene"),
            new Subject("NEW_MATERIALS", "碳纤维", "carbon fibre"),
            new Subject("NEW_MATERIALS", "稀土材料", "rare-earth materials"),
            new Subject("NEW_MATERIALS", "半导体芯片", "semiconductor chips"),
            new Subject("NEW_MATERIALS", "钙钛矿", "perovskite"),
            new Subject("NEW_MATERIALS", "超材料", "metamaterials"));

    private static final List<String> TITLES_ZH = List.of("%s的奥秘", "走近%s", "%s：从原理到应用", "图说%s",
            "%s科普小课堂", "一分钟看懂%s", "%s背后的科学", "漫话%s", "%s改变生活", "探秘%s");
    private static final List<String> TITLES_EN = List.of("The secrets of %s", "A closer look at %s",
            "%s: from principle to practice", "%s in pictures", "%s explained in one minute",
            "The science behind %s");
    private static final List<String> DESCRIPTIONS_ZH = List.of(
            "本作品用通俗的语言介绍%s的基本原理和发展历程，并谈到%s领域的最新进展。",
            "作者走访实验室，记录科研人员攻关%s的故事，也对比了%s的研究方法。",
            "通过动画和实拍，展示%s如何走进日常生活，顺带解释了%s的相关概念。",
            "面向青少年的科普作品，讲解%s的关键技术，结尾介绍%s的未来前景。");
    private static final List<String> DESCRIPTIONS_EN = List.of(
            "A plain-language introduction to %s, its history and the latest progress in %s.",
            "Researchers working on %s tell their story, with a comparison to %s.",
            "Animation and footage show how %s reaches everyday life, touching on %s.");
    private static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
            "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高");
    private static final List<String> GIVEN = List.of("晓明", "建华", "丽娟", "志强", "海燕", "雨桐", "子涵", "浩然",
            "思远", "欣怡", "国栋", "静怡", "文博", "佳琪", "天宇");
    private static final List<String> AFFILIATIONS = List.of("中国科学院物理研究所", "清华大学", "北京大学",
            "中国科学技术大学", "浙江大学", "中国航天科技集团", "自然资源部第二海洋研究所", "上海交通大学",
            "中国农业科学院", "哈尔滨工业大学", "中山大学", "科普时报社");
    private static final List<String> KINDS = List.of("POSTER", "PHOTO", "SHORT_VIDEO", "ARTICLE", "OTHER");
    private static final List<String> REGIONS = List.of("BEIJING", "SHANGHAI", "GUANGDONG", "ANHUI", "ZHEJIANG",
            "SICHUAN", "HUBEI", "SHAANXI", "XINJIANG", "XPCC");
    private static final List<String> LICENCES = List.of("CC_BY_4_0", "CC_BY_SA_4_0", "CC_BY_NC_4_0",
            "EDITORIAL_USE_ONLY");

    private RelevanceCorpus() {
    }

    static List<CorpusWork> generate(int size) {
        Random random = new Random(SEED);
        List<CorpusWork> works = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Subject primary = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
            Subject secondary = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
            while (secondary.equals(primary)) {
                secondary = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
            }
            String key = String.format("c%05d", i);
            String title = String.format(pick(random, TITLES_ZH), primary.zh());
            String titleEn = random.nextInt(10) < 6 ? capitalise(String.format(pick(random, TITLES_EN), primary.en()))
                    : null;
            String description = String.format(pick(random, DESCRIPTIONS_ZH), primary.zh(), secondary.zh());
            String descriptionEn = titleEn == null ? null
                    : String.format(pick(random, DESCRIPTIONS_EN), primary.en(), secondary.en());
            List<String> tags = List.of(primary.zh(), pick(random, List.of("科普", "科学家精神", "青少年", "实验")));
            String creator = pick(random, SURNAMES) + pick(random, GIVEN);
            works.add(new CorpusWork(key, UUID.nameUUIDFromBytes(("relevance-corpus:" + key).getBytes()), primary,
                    secondary, pick(random, KINDS), title, titleEn, description, descriptionEn, tags, creator,
                    pick(random, AFFILIATIONS), pick(random, REGIONS), pick(random, LICENCES), random.nextInt(3)));
        }
        return works;
    }

    /** Queries: text, then the subjects (Chinese names) whose works are relevant. */
    static final List<String[]> QUERIES = List.of(
            q("量子计算", "量子计算"), q("人工智能", "人工智能"), q("深海探测", "深海探测"), q("机器学习", "机器学习"),
            q("神经网络", "神经网络"), q("自动驾驶", "自动驾驶"), q("人脸识别", "人脸识别"), q("基因编辑", "基因编辑"),
            q("疫苗研发", "疫苗研发"), q("合成生物学", "合成生物学"), q("干细胞", "干细胞"), q("杂交水稻", "杂交水稻"),
            q("量子通信", "量子通信"), q("量子纠缠", "量子纠缠"), q("原子钟", "原子钟"), q("空间站", "空间站"),
            q("火星探测", "火星探测"), q("月球探测", "月球探测"), q("运载火箭", "运载火箭"), q("卫星导航", "卫星导航"),
            q("载人潜水器", "载人潜水器"), q("海底热液", "海底热液"), q("可燃冰", "可燃冰"), q("光伏发电", "光伏发电"),
            q("风力发电", "风力发电"), q("氢能源", "氢能源"), q("核聚变", "核聚变"), q("石墨烯", "石墨烯"),
            q("稀土材料", "稀土材料"), q("钙钛矿", "钙钛矿"),
            q("quantum computing", "量子计算"), q("gene editing", "基因编辑"), q("space station", "空间站"),
            q("graphene", "石墨烯"), q("nuclear fusion", "核聚变"), q("solar power", "光伏发电"),
            q("hydrothermal vents", "海底热液"), q("machine learning", "机器学习"),
            q("量子计算 quantum computing", "量子计算"), q("石墨烯 graphene", "石墨烯"),
            q("AI 人工智能", "人工智能"), q("quantom computing", "量子计算"), q("graphine", "石墨烯"),
            q("nuclear fusoin", "核聚变"),
            // Cross-field: subject plus the institution or the person; both together are what the outlet wants.
            q("清华大学 石墨烯", "石墨烯", "清华大学"), q("中国科学技术大学 量子通信", "量子通信", "中国科学技术大学"),
            q("浙江大学 人工智能", "人工智能", "浙江大学"), q("中国航天科技集团 运载火箭", "运载火箭", "中国航天科技集团"),
            q("中国农业科学院 杂交水稻", "杂交水稻", "中国农业科学院"), q("陈思远 核聚变", "核聚变", "陈思远"),
            q("林晓明 空间站", "空间站", "林晓明"), q("Tsinghua graphene 清华大学", "石墨烯", "清华大学"));

    /** A query: its text, the subject it asks for and optionally an institution or person it also names. */
    private static String[] q(String... textSubjectAndWho) {
        return textSubjectAndWho;
    }

    /** Writes the judgement set: one line per query and relevant work, {@code query<TAB>key<TAB>grade}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/search/judgements.tsv");
        List<CorpusWork> corpus = generate(SIZE);
        StringBuilder text = new StringBuilder("# query\twork key (RelevanceCorpus)\tgrade: 2 about it, 1 mentions it\n");
        for (String[] query : QUERIES) {
            Map<String, Integer> grades = new LinkedHashMap<>();
            String who = query.length > 2 ? query[2] : null;
            for (CorpusWork work : corpus) {
                boolean about = work.primary().zh().equals(query[1]);
                boolean mentions = work.secondary().zh().equals(query[1]);
                boolean byWho = who != null && (who.equals(work.affiliation()) || who.equals(work.creator()));
                if (who == null) {
                    if (about) {
                        grades.put(work.key(), 2);
                    } else if (mentions) {
                        grades.put(work.key(), 1);
                    }
                } else if (about && byWho) {
                    grades.put(work.key(), 2);
                } else if (about || (mentions && byWho)) {
                    grades.put(work.key(), 1);
                }
            }
            grades.forEach((key, grade) -> text.append(query[0]).append('\t').append(key).append('\t').append(grade)
                    .append('\n'));
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
