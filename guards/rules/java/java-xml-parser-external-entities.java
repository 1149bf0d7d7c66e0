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
import org.xml.sax.helpers.DefaultHandler;

public class InvoiceParser {
    // ruleid: java-xml-parser-external-entities
    private static final SAXParserFactory SAX = SAXParserFactory.newInstance();

    public Document parse(InputStream body) throws Exception {
        // ruleid: java-xml-parser-external-entities
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        // ok: java-xml-parser-external-entities
        DocumentBuilder builder = dbf.newDocumentBuilder();
        return builder.parse(body);
    }

    public void stream(String xml) throws Exception {
        // ruleid: java-xml-parser-external-entities
        XMLInputFactory xif = XMLInputFactory.newFactory();
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
        parser.parse(in, handler);
    }

    public org.dom4j.Document dom4j(InputStream in) throws Exception {
        try {
            // ruleid: java-xml-parser-external-entities
            SAXReader reader = new SAXReader();
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
}
