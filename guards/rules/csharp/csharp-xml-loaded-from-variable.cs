using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace Config
{
    public class Loader
    {
        public XmlDocument Read(string path)
        {
            var doc = new XmlDocument();
            // ruleid: csharp-xml-loaded-from-variable
            doc.Load(path);
            return doc;
        }

        public XmlDocument Parse(string body)
        {
            var xmlDoc = new XmlDocument();
            // ruleid: csharp-xml-loaded-from-variable
            xmlDoc.LoadXml(body);
            return xmlDoc;
        }

        public XmlReader Open(Stream input, XmlReaderSettings settings)
        {
            // ruleid: csharp-xml-loaded-from-variable
            return XmlReader.Create(input, settings);
        }

        public XmlDocument Defaults()
        {
            var doc = new XmlDocument();
            // ok: csharp-xml-loaded-from-variable
            doc.LoadXml("<settings><theme>dark</theme></settings>");
            return doc;
        }

        public XmlNode Settings(string configFilePath)
        {
            XmlDocument configurationFile = new XmlDocument();
            // ruleid: csharp-xml-loaded-from-variable
            configurationFile.Load(configFilePath);
            return configurationFile.SelectSingleNode("configuration/settings");
        }

        public XmlNode Hardened(string configFilePath)
        {
            var settingsFile = new XmlDocument { XmlResolver = null };
            // ok: csharp-xml-loaded-from-variable
            settingsFile.Load(configFilePath);
            return settingsFile.DocumentElement;
        }

        public XmlNode NoResolver(string configFilePath)
        {
            var configDocument = new XmlDocument();
            configDocument.XmlResolver = null;
            // ok: csharp-xml-loaded-from-variable
            configDocument.Load(configFilePath);
            return configDocument.DocumentElement;
        }

        public XDocument Linq(string path)
        {
            // ok: csharp-xml-loaded-from-variable
            return XDocument.Load(path);
        }

        public XmlReader Safe(Stream input)
        {
            // ok: csharp-xml-loaded-from-variable
            return XmlReader.Create(input, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        }

        public void Html(HtmlDocument htmlDoc, string page)
        {
            // ok: csharp-xml-loaded-from-variable
            htmlDoc.LoadHtml(page);
        }
    }
}
