using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;

namespace Auth
{
    public class XmlUserStore
    {
        private readonly XmlDocument _doc;

        public XmlUserStore(XmlDocument doc)
        {
            _doc = doc;
        }

        public bool Login(string name, string password)
        {
            // ruleid: csharp-xpath-built-by-formatting
            var node = _doc.SelectSingleNode($"//user[name='{name}' and password='{password}']");
            return node != null;
        }

        public XmlNodeList Orders(string customer)
        {
            // ruleid: csharp-xpath-built-by-formatting
            return _doc.SelectNodes("//order[@customer='" + customer + "']");
        }

        public XElement Find(XDocument xdoc, string id)
        {
            // ruleid: csharp-xpath-built-by-formatting
            return xdoc.XPathSelectElement(string.Format("//item[@id='{0}']", id));
        }

        public XmlNodeList AllUsers()
        {
            // ok: csharp-xpath-built-by-formatting
            return _doc.SelectNodes("//user");
        }

        public int Count(string status)
        {
            // ok: csharp-xpath-built-by-formatting
            return _doc.SelectNodes("//order").Cast<XmlNode>().Count(n => n.Attributes["status"]?.Value == status);
        }

        public string[] Names(string[] items, string prefix)
        {
            // ok: csharp-xpath-built-by-formatting
            return items.Select(i => prefix + i).ToArray();
        }
    }
}
