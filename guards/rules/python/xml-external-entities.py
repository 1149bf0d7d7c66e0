import xml.sax
from xml.sax.handler import feature_external_ges, feature_namespaces

import defusedxml.ElementTree as SafeET
from lxml import etree


def unsafe(body, path):
    # ruleid: xml-external-entities
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: xml-external-entities
    remote = etree.XMLParser(load_dtd=True, no_network=False)
    # ruleid: xml-external-entities
    events = etree.iterparse(path, resolve_entities=True)
    sax = xml.sax.make_parser()
    # ruleid: xml-external-entities
    sax.setFeature(feature_external_ges, True)
    # ruleid: xml-external-entities
    sax.setFeature(xml.sax.handler.feature_external_pes, 1)
    return parser, remote, events


def safe(body):
    # ok: xml-external-entities
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: xml-external-entities
    tree = SafeET.fromstring(body)
    sax = xml.sax.make_parser()
    # ok: xml-external-entities
    sax.setFeature(feature_external_ges, False)
    # ok: xml-external-entities
    sax.setFeature(feature_namespaces, True)
    # ok: xml-external-entities
    doc = etree.fromstring(body, etree.XMLParser(huge_tree=False))
    return parser, tree, doc
