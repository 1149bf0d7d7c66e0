package com.example.auth;

import java.util.List;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathFactory;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

public class XmlUserStore {
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    public boolean login(Document doc, String user, String pass) throws Exception {
        String query = "//users/user[name='" + user + "' and password='" + pass + "']";
        // ruleid: java-xpath-built-by-concatenation
        NodeList hits = (NodeList) xpath.evaluate(query, doc, XPathConstants.NODESET);
        return hits.getLength() > 0;
    }

    public String email(Document doc, String id) throws Exception {
        // ruleid: java-xpath-built-by-concatenation
        XPathExpression expr = xpath.compile(String.format("/users/user[@id='%s']/email", id));
        return expr.evaluate(doc);
    }

    public List<?> groups(org.dom4j.Document doc, String group) {
        // ruleid: java-xpath-built-by-concatenation
        return doc.selectNodes("//group[@name='" + group + "']/member");
    }

    public String emailSafe(Document doc, String id) throws Exception {
        xpath.setXPathVariableResolver(v -> "id".equals(v.getLocalPart()) ? id : null);
        // ok: java-xpath-built-by-concatenation
        XPathExpression expr = xpath.compile("/users/user[@id=$id]/email");
        return expr.evaluate(doc);
    }

    public NodeList all(Document doc) throws Exception {
        // ok: java-xpath-built-by-concatenation
        return (NodeList) xpath.evaluate("//users/user", doc, XPathConstants.NODESET);
    }

    public boolean valid(String name) {
        // ok: java-xpath-built-by-concatenation
        return Pattern.compile("^[a-z]+" + "$").matcher(name).matches();
    }

    public Pattern userPattern(String prefix) {
        // ok: java-xpath-built-by-concatenation
        return Pattern.compile(prefix + "\\d+");
    }
}
