package cn.kepu.media.works;

import org.eclipse.microprofile.graphql.Description;

@Description("Who a work is made for; a work may name several. The Science Week notice names youth as an audience.")
public enum AudienceLevel {
    /** 学前 */
    PRESCHOOL,
    /** 小学 */
    PRIMARY_SCHOOL,
    /** 中学 */
    SECONDARY_SCHOOL,
    /** 大学 */
    UNIVERSITY,
    /** 公众 */
    GENERAL_PUBLIC,
    /** 专业人员 (teachers, health workers, engineers) */
    PROFESSIONAL
}
