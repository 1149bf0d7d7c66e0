using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace Imports
{
    public class FeedParser
    {
        public XDocument Parse(Stream upload)
        {
            // ruleid: csharp-xml-dtd-processing-enabled
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
            using var reader = XmlReader.Create(upload, settings);
            return XDocument.Load(reader);
        }

        public XmlDocument Legacy(string path)
        {
            var doc = new XmlDocument();
            // ruleid: csharp-xml-dtd-processing-enabled
            doc.XmlResolver = new XmlUrlResolver();
            doc.Load(path);
            return doc;
        }

        public XmlReader Old(Stream input)
        {
            var settings = new XmlReaderSettings();
            // ruleid: csharp-xml-dtd-processing-enabled
            settings.ProhibitDtd = false;
            return XmlReader.Create(input, settings);
        }

        public XDocument ParseSafe(Stream upload)
        {
            // ok: csharp-xml-dtd-processing-enabled
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(upload, settings);
            return XDocument.Load(reader);
        }

        public XmlDocument Modern(string path)
        {
            var doc = new XmlDocument();
            // ok: csharp-xml-dtd-processing-enabled
            doc.XmlResolver = null;
            doc.Load(path);
            return doc;
        }

        public XmlReaderSettings Ignore()
        {
            // ok: csharp-xml-dtd-processing-enabled
            return new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        }
    }
}
