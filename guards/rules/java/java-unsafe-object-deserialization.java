package com.example.cache;

import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import org.apache.commons.lang3.SerializationUtils;

public class SessionStore {
    public Object load(byte[] data) throws IOException, ClassNotFoundException {
        // ruleid: java-unsafe-object-deserialization
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return in.readObject();
        }
    }

    public Object fromFile(String path) throws Exception {
        ObjectInputStream ois = null;
        try {
            // ruleid: java-unsafe-object-deserialization
            ois = new ObjectInputStream(new FileInputStream(path));
            return ois.readObject();
        } finally {
            if (ois != null) {
                ois.close();
            }
        }
    }

    public Object decode(InputStream xml) {
        // ruleid: java-unsafe-object-deserialization
        XMLDecoder decoder = new XMLDecoder(xml);
        return decoder.readObject();
    }

    public Object copy(byte[] bytes) {
        // ruleid: java-unsafe-object-deserialization
        return SerializationUtils.deserialize(bytes);
    }

    public byte[] save(java.io.Serializable value) {
        // ok: java-unsafe-object-deserialization
        return SerializationUtils.serialize(value);
    }

    public Object parseJson(com.fasterxml.jackson.databind.ObjectMapper mapper, byte[] body) throws IOException {
        // ok: java-unsafe-object-deserialization
        return mapper.readValue(body, java.util.Map.class);
    }

    public void write(java.io.OutputStream out, Object value) throws IOException {
        // ok: java-unsafe-object-deserialization
        java.io.ObjectOutputStream oos = new java.io.ObjectOutputStream(out);
        oos.writeObject(value);
    }

    public Object fromDisk(java.io.File[] files) throws Exception {
        Object last = null;
        for (java.io.File f : files) {
            if (f.getName().endsWith(".ser")) {
                try {
                    // ruleid: java-unsafe-object-deserialization
                    ObjectInputStream ois = new ObjectInputStream(new FileInputStream(f));
                    last = ois.readObject();
                } catch (IOException e) {
                    continue;
                }
            }
        }
        return last;
    }

    public Object oneShot(InputStream in) throws Exception {
        // ruleid: java-unsafe-object-deserialization
        return new ObjectInputStream(in).readObject();
    }

    public Object filtered(InputStream in) throws Exception {
        // ok: java-unsafe-object-deserialization
        ObjectInputStream ois = new ObjectInputStream(in);
        ois.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("com.example.dto.*;java.base/*;!*"));
        return ois.readObject();
    }

    public Object filteredResource(InputStream in) throws Exception {
        // ok: java-unsafe-object-deserialization
        try (ObjectInputStream ois = new ObjectInputStream(in)) {
            ois.setObjectInputFilter(info -> info.serialClass() == null || info.serialClass() == String.class
                    ? java.io.ObjectInputFilter.Status.ALLOWED : java.io.ObjectInputFilter.Status.REJECTED);
            return ois.readObject();
        }
    }

    public Object allowListed(InputStream in) throws Exception {
        // ok: java-unsafe-object-deserialization
        ObjectInputStream ois = new ObjectInputStream(in) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                if (!desc.getName().equals("com.example.dto.Order")) {
                    throw new java.io.InvalidClassException("not allowed", desc.getName());
                }
                return super.resolveClass(desc);
            }
        };
        return ois.readObject();
    }
}
