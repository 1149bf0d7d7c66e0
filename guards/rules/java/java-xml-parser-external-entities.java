package com.example.xml;

import java.io.InputStream;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.TransformerFactory;
import javax.xml.xpath.XPathFactory;
import org.dom4j.io.SAXReader;
import org.w3c.dom.Document;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLReaderFactory;

public class InvoiceParser {
    // ruleid: java-xml-parser-external-entities
    private static final SAXParserFactory SAX = SAXParserFactory.newInstance();

    public Document parse(InputStream body) throws Exception {
        // ruleid: java-xml-parser-external-entities
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        // ok: java-xml-parser-external-entities
        DocumentBuilder builder = dbf.newDocumentBuilder();
        // ruleid: java-xml-parser-external-entities
        return builder.parse(body);
    }

    public void stream(String xml) throws Exception {
        // ruleid: java-xml-parser-external-entities
        XMLInputFactory xif = XMLInputFactory.newFactory();
        // ruleid: java-xml-parser-external-entities
        XMLStreamReader reader = xif.createXMLStreamReader(new StringReader(xml));
        while (reader.hasNext()) {
            reader.next();
        }
    }

    public void sax(InputStream in, DefaultHandler handler) throws Exception {
        // ok: java-xml-parser-external-entities
        SAXParser parser = SAX.newSAXParser();
        // ok: java-xml-parser-external-entities
        SAX.setFeature("http://xml.org/sax/features/namespaces", true);
        // ruleid: java-xml-parser-external-entities
        parser.parse(in, handler);
    }

    public org.dom4j.Document dom4j(InputStream in) throws Exception {
        try {
            // ruleid: java-xml-parser-external-entities
            SAXReader reader = new SAXReader();
            // ruleid: java-xml-parser-external-entities
            return reader.read(in);
        } catch (org.dom4j.DocumentException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public TransformerFactory transformers() {
        // ruleid: java-xml-parser-external-entities
        return TransformerFactory.newInstance();
    }

    public void legacy(DocumentBuilderFactory factory, XMLInputFactory stax) throws Exception {
        // ruleid: java-xml-parser-external-entities
        factory.setFeature("http://xml.org/sax/features/external-general-entities", true);
        // ruleid: java-xml-parser-external-entities
        stax.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.TRUE);
        // ok: java-xml-parser-external-entities
        factory.setValidating(false);
    }

    public XPathFactory xpath() {
        // ok: java-xml-parser-external-entities
        return XPathFactory.newInstance();
    }

    public void loop(java.io.File[] files, DefaultHandler handler) throws Exception {
        // ruleid: java-xml-parser-external-entities
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setNamespaceAware(true);
        SAXParser p = spf.newSAXParser();
        for (java.io.File f : files) {
            // ruleid: java-xml-parser-external-entities
            p.parse(f, handler);
        }
    }

    public int notXml(String text, java.io.Reader in) throws Exception {
        // ok: java-xml-parser-external-entities
        java.time.LocalDate day = java.time.LocalDate.parse(text);
        // ok: java-xml-parser-external-entities
        int n = in.read(new char[16]);
        return day.getDayOfMonth() + n;
    }
}

class HardenedParsers {
    public Document hardened(InputStream body) throws Exception {
        // ok: java-xml-parser-external-entities
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature(
                "http://apache.org/xml/features/disallow-doctype-decl", true);
        // ok: java-xml-parser-external-entities
        return dbf.newDocumentBuilder().parse(body);
    }

    public void hardenedReader(org.xml.sax.InputSource source) throws Exception {
        // ok: java-xml-parser-external-entities
        XMLReader xr = XMLReaderFactory.createXMLReader();
        xr.setFeature("http://xml.org/sax/features/external-general-entities", false);
        xr.setEntityResolver((publicId, systemId) -> new org.xml.sax.InputSource(new StringReader("")));
        // ok: java-xml-parser-external-entities
        xr.parse(source);
    }
}
