"""The newsroom's roles (Django groups with Chinese names)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    name: str  # the group's name, as staff know it
    description: str


REPORTER = Role("reporter", "记者", "writes stories")
EDITOR = Role("editor", "编辑", "初审: first review")
DEPARTMENT_HEAD = Role("department_head", "部门主任", "复审: second review")
CHIEF_EDITOR = Role("chief_editor", "总编", "终审: final review")
DUTY_CHIEF = Role("duty_chief", "值班总编", "终审: final review on the night")
PROOFREADER = Role("proofreader", "校对", "三校: page proofs")
PAGE_EDITOR = Role("page_editor", "版面编辑", "page make-up and publishing")
TIP_DESK = Role("tip_desk", "热线编辑", "the tip desk: inbox, hotline, tipster contact")
FINANCE = Role("finance", "财务", "reward payments")
AD_DESK = Role("ad_desk", "广告", "bookings and ad material")
DATA_DESK = Role("data_desk", "数据编辑", "数说与承诺: figures, indicators, pledges")
ADMIN = Role("admin", "管理员", "everything")

ROLES: tuple[Role, ...] = (
    REPORTER,
    EDITOR,
    DEPARTMENT_HEAD,
    CHIEF_EDITOR,
    DUTY_CHIEF,
    PROOFREADER,
    PAGE_EDITOR,
    TIP_DESK,
    FINANCE,
    AD_DESK,
    DATA_DESK,
    ADMIN,
)
