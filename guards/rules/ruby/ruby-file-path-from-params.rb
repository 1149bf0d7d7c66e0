class ExportsController < ApplicationController
  def download
    # ruleid: ruby-file-path-from-params
    send_file Rails.root.join("storage", "exports", params[:filename])
  end

  def preview
    # ruleid: ruby-file-path-from-params
    content = File.read("public/docs/#{params[:doc]}.md")
    render plain: content
  end

  def destroy
    # ruleid: ruby-file-path-from-params
    FileUtils.rm_rf(File.join(Rails.root, "tmp", "uploads", params[:dir]))
    head :no_content
  end

  def page
    # ruleid: ruby-file-path-from-params
    render file: "pages/#{params[:page]}"
  end

  def fetch
    # ruleid: ruby-file-path-from-params
    data = open(params[:source]).read
    render plain: data
  end

  def download_safely
    export = current_user.exports.find(params[:id])
    # ok: ruby-file-path-from-params
    send_file Rails.root.join("storage", "exports", File.basename(export.file_name))
  end

  def preview_safely
    name = File.basename(params[:doc].to_s)
    # ok: ruby-file-path-from-params
    content = File.read(Rails.root.join("public", "docs", "#{File.basename(params[:doc].to_s)}.md"))
    render plain: content + name
  end

  def report
    # ok: ruby-file-path-from-params
    send_file Rails.root.join("storage", "reports", "#{params[:id].to_i}.pdf")
  end

  def ext
    # ok: ruby-file-path-from-params
    kind = File.extname(params[:filename])
    # ok: ruby-file-path-from-params
    render template: "exports/show"
    kind
  end
end
