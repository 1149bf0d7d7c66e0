package com.example.io;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.esotericsoftware.kryo.Kryo;
import com.thoughtworks.xstream.XStream;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;

public class Loaders {
    // ruleid: java-deserializer-without-type-allowlist
    private final XStream xstream = new XStream();

    public Object fromXml(String xml) {
        return xstream.fromXML(xml);
    }

    public Settings settings(String text) {
        // ruleid: java-deserializer-without-type-allowlist
        Yaml yaml = new Yaml();
        return yaml.loadAs(text, Settings.class);
    }

    public Object typed(String text) {
        // ruleid: java-deserializer-without-type-allowlist
        Yaml yaml = new Yaml(new Constructor(Settings.class, new org.yaml.snakeyaml.LoaderOptions()));
        return yaml.load(text);
    }

    public ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        // ruleid: java-deserializer-without-type-allowlist
        mapper.enableDefaultTyping();
        return mapper;
    }

    public Kryo kryo() {
        Kryo kryo = new Kryo();
        // ruleid: java-deserializer-without-type-allowlist
        kryo.setRegistrationRequired(false);
        return kryo;
    }

    // ruleid: java-deserializer-without-type-allowlist
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@class")
    public static class Event {
        public String name;
    }

    // ok: java-deserializer-without-type-allowlist
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    public static class Shape {
        public String name;
    }

    public String dump(Map<String, Object> data) {
        Kryo registered = new Kryo();
        // ok: java-deserializer-without-type-allowlist
        registered.setRegistrationRequired(true);
        // ok: java-deserializer-without-type-allowlist
        return new ObjectMapper().writerWithDefaultPrettyPrinter().toString() + data;
    }

    public static class Settings {
        public String host;
    }
}
