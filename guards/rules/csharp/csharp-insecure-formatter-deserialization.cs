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
            // ruleid: csharp-insecure-formatter-deserialization
            var formatter = new BinaryFormatter();
            return formatter.Deserialize(stream);
        }

        public object LoadLegacy(Stream stream)
        {
            // ruleid: csharp-insecure-formatter-deserialization
            var serializer = new NetDataContractSerializer();
            return serializer.ReadObject(stream);
        }

        public object ViewState(string data)
        {
            // ruleid: csharp-insecure-formatter-deserialization
            return new LosFormatter().Deserialize(data);
        }

        public object Json(string json)
        {
            // ruleid: csharp-insecure-formatter-deserialization
            var serializer = new JavaScriptSerializer(new SimpleTypeResolver());
            return serializer.DeserializeObject(json);
        }

        public SaveGame LoadJson(Stream stream)
        {
            // ok: csharp-insecure-formatter-deserialization
            return JsonSerializer.Deserialize<SaveGame>(stream);
        }

        public SaveGame LoadContract(Stream stream)
        {
            // ok: csharp-insecure-formatter-deserialization
            var serializer = new DataContractSerializer(typeof(SaveGame));
            return (SaveGame)serializer.ReadObject(stream);
        }

        public object PlainJson(string json)
        {
            // ok: csharp-insecure-formatter-deserialization
            var serializer = new JavaScriptSerializer();
            return serializer.Deserialize<SaveGame>(json);
        }
    }

    public class SaveGame
    {
        public int Level { get; set; }
    }
}
