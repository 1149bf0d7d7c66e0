using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;

namespace Catalog
{
    public class Lookup
    {
        private const string ItemsPath = "/catalog/item";

        public XmlNode Find(XmlDocument doc, string path)
        {
            // ruleid: csharp-xpath-query-from-variable
            return doc.SelectSingleNode(path);
        }

        public XmlNodeList All(XmlElement root, QueryOptions options)
        {
            // ruleid: csharp-xpath-query-from-variable
            return root.SelectNodes(options.Expression);
        }

        public XElement First(XDocument doc, string xpath)
        {
            // ruleid: csharp-xpath-query-from-variable
            return doc.XPathSelectElement(xpath);
        }

        public XmlNodeList Items(XmlDocument doc)
        {
            // ok: csharp-xpath-query-from-variable
            return doc.SelectNodes(ItemsPath);
        }

        public XmlNode Title(XmlDocument doc)
        {
            // ok: csharp-xpath-query-from-variable
            return doc.SelectSingleNode("/catalog/title");
        }

        public XmlNode Local(XmlDocument doc)
        {
            var query = "/catalog/owner";
            // ok: csharp-xpath-query-from-variable
            return doc.SelectSingleNode(query);
        }
    }

    public class QueryOptions
    {
        public string Expression { get; set; }
    }
}
