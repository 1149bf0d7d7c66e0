using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Formatters.Binary;
using System.Text.Json;
using System.Web.Script.Serialization;
using System.Web.UI;

namespace Game.Saves
{
    public class SaveStore
    {
        public object Load(Stream stream)
        {
            var formatter = new BinaryFormatter();
            // ruleid: csharp-insecure-formatter-deserialization
            return formatter.Deserialize(stream);
        }

        public object LoadLegacy(Stream stream)
        {
            var serializer = new NetDataContractSerializer();
            // ruleid: csharp-insecure-formatter-deserialization
            return serializer.ReadObject(stream);
        }

        public object ViewState(string data)
        {
            // ruleid: csharp-insecure-formatter-deserialization
            return new LosFormatter().Deserialize(data);
        }

        public object Json(string json)
        {
            var serializer = new JavaScriptSerializer(new SimpleTypeResolver());
            // ruleid: csharp-insecure-formatter-deserialization
            return serializer.DeserializeObject(json);
        }

        public SaveGame LoadJson(Stream stream)
        {
            // ok: csharp-insecure-formatter-deserialization
            return JsonSerializer.Deserialize<SaveGame>(stream);
        }

        public SaveGame LoadContract(Stream stream)
        {
            var serializer = new DataContractSerializer(typeof(SaveGame));
            // ok: csharp-insecure-formatter-deserialization
            return (SaveGame)serializer.ReadObject(stream);
        }

        public object PlainJson(string json)
        {
            var serializer = new JavaScriptSerializer();
            // ok: csharp-insecure-formatter-deserialization
            return serializer.Deserialize<SaveGame>(json);
        }
    }

    public class SessionCache
    {
        private static readonly BinaryFormatter Formatter = new BinaryFormatter();

        public void Save(Stream stream, object session)
        {
            // ok: csharp-insecure-formatter-deserialization
            Formatter.Serialize(stream, session);
        }

        public object Restore(byte[] data)
        {
            using (var ms = new MemoryStream(data))
            {
                // ruleid: csharp-insecure-formatter-deserialization
                return Formatter.Deserialize(ms);
            }
        }
    }

    public class SaveGame
    {
        public int Level { get; set; }
    }
}
