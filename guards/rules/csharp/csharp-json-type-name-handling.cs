using Newtonsoft.Json;

namespace Messaging
{
    public class Envelope
    {
        // ruleid: csharp-json-type-name-handling
        [JsonProperty(TypeNameHandling = TypeNameHandling.All)]
        public object Payload { get; set; }

        // ok: csharp-json-type-name-handling
        [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
        public object Metadata { get; set; }
    }

    public class Codec
    {
        public Envelope Read(string json)
        {
            // ruleid: csharp-json-type-name-handling
            var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
            return JsonConvert.DeserializeObject<Envelope>(json, settings);
        }

        public JsonSerializer Serializer()
        {
            var serializer = new JsonSerializer();
            // ruleid: csharp-json-type-name-handling
            serializer.TypeNameHandling = TypeNameHandling.Objects;
            return serializer;
        }

        public Envelope ReadSafe(string json)
        {
            // ok: csharp-json-type-name-handling
            var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
            return JsonConvert.DeserializeObject<Envelope>(json, settings);
        }

        public string Write(Envelope envelope)
        {
            // ok: csharp-json-type-name-handling
            return JsonConvert.SerializeObject(envelope, Formatting.Indented);
        }
    }
}
