class ImportsController < ApplicationController
  def create
    # ruleid: ruby-unsafe-deserialization
    @cart = Marshal.load(Base64.decode64(cookies[:cart]))

    # ruleid: ruby-unsafe-deserialization
    settings = YAML.load(params[:file].read)

    # ruleid: ruby-unsafe-deserialization
    doc = Psych.unsafe_load(request.body.read)

    # ruleid: ruby-unsafe-deserialization
    payload = JSON.load(request.raw_post)

    # ruleid: ruby-unsafe-deserialization
    job = Oj.load(redis.get("job:#{params[:id]}"))

    # ruleid: ruby-unsafe-deserialization
    event = JSON.parse(params[:event], create_additions: true)

    render json: [settings, doc, payload, job, event]
  end

  def create_safely
    # ok: ruby-unsafe-deserialization
    @cart = JSON.parse(cookies.signed[:cart] || "{}")

    # ok: ruby-unsafe-deserialization
    settings = YAML.safe_load(params[:file].read, permitted_classes: [Date, Symbol])

    # ok: ruby-unsafe-deserialization
    config = YAML.load(File.read("config/features.yml"))

    # ok: ruby-unsafe-deserialization
    db = YAML.load(File.read(Rails.root.join("config", "database.yml")))

    # ok: ruby-unsafe-deserialization
    job = Oj.load(redis.get("job:#{params[:id]}"), mode: :strict)

    # ok: ruby-unsafe-deserialization
    blob = Marshal.dump(@cart)

    render json: [settings, config, db, job, blob]
  end
end
