"""StreamField blocks shared by the apps."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class CreditBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("身份"), required=False, default="摄影")
    name = blocks.CharBlock(label=_("姓名"), required=False)

    class Meta:
        label = _("署名")


class ImageWithCaptionBlock(blocks.StructBlock):
    """A photo with its caption and credit (图片说明 … 本报记者 某某 摄).

    The image may be missing for stories imported from old text dumps, which keep
    only the caption.
    """

    image = ImageChooserBlock(label=_("图片"), required=False)
    caption = blocks.TextBlock(label=_("图片说明"), required=False)
    credit = CreditBlock(label=_("摄影"), required=False)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "core/blocks/image_with_caption.html"


class StoryBodyBlock(blocks.StreamBlock):
    """A story's body: paragraphs, subheads (小标题) and photos, in order."""

    paragraph = blocks.TextBlock(label=_("段落"), icon="pilcrow")
    subhead = blocks.CharBlock(label=_("小标题"), icon="title", max_length=120)
    image = ImageWithCaptionBlock()
