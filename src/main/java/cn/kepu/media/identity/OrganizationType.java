package cn.kepu.media.identity;

public enum OrganizationType {
    UNIVERSITY, RESEARCH_INSTITUTE, ENTERPRISE, SOCIETY, SCHOOL, MEDIA_OUTLET, INDIVIDUAL
}
