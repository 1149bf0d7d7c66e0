import xml.etree.ElementTree as ET

from lxml import etree

FIND_USER = etree.XPath("//user[@name=$name]")


def check_login(tree, user, password):
    # ruleid: xpath-built-by-formatting
    matches = tree.xpath(f"//user[@name='{user}' and @password='{password}']")
    return bool(matches)


def product_price(doc, sku):
    query = "//product[@sku='" + sku + "']/price/text()"
    # ruleid: xpath-built-by-formatting
    return doc.xpath(query)


def compiled(category):
    # ruleid: xpath-built-by-formatting
    finder = etree.XPath("//item[@category='%s']" % category)
    return finder


def config_value(root, key):
    # ruleid: xpath-built-by-formatting
    node = root.find(".//setting[@name='{}']".format(key))
    return node.text if node is not None else None


def safe_login(tree, user, password):
    # ok: xpath-built-by-formatting
    return bool(tree.xpath("//user[@name=$user and @password=$password]", user=user, password=password))


def safe_compiled(tree, name):
    # ok: xpath-built-by-formatting
    return FIND_USER(tree, name=name)


def titles(doc):
    # ok: xpath-built-by-formatting
    return doc.xpath("//book/title/text()")


def children(root, tag):
    # ok: xpath-built-by-formatting
    return root.findall(f"./{tag}")


def parse(path):
    # ok: xpath-built-by-formatting
    return ET.parse(path).getroot().find("settings")
