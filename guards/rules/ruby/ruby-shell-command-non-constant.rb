require "open3"

class MediaController < ApplicationController
  def thumbnail
    path = params[:path]
    # ruleid: ruby-shell-command-non-constant
    system("convert #{path} -resize 200x200 thumb.png")

    # ruleid: ruby-shell-command-non-constant
    listing = `ls -la #{params[:dir]}`

    # ruleid: ruby-shell-command-non-constant
    info = %x(ffprobe -v quiet -show_format #{path})

    # ruleid: ruby-shell-command-non-constant
    out, status = Open3.capture2e("git log --author=#{params[:author]}", chdir: repo_dir)

    cmd = "tar czf #{params[:name]}.tgz uploads/"
    # ruleid: ruby-shell-command-non-constant
    exec(cmd)

    # ruleid: ruby-shell-command-non-constant
    IO.popen("grep -r #{params[:q]} log/") { |io| io.read }

    # ruleid: ruby-shell-command-non-constant
    open("|whois #{params[:domain]}").read

    render plain: [listing, info, out, status].join
  end

  def thumbnail_safely
    path = params[:path]
    # ok: ruby-shell-command-non-constant
    system("convert", path, "-resize", "200x200", "thumb.png", exception: true)

    # ok: ruby-shell-command-non-constant
    uptime = `uptime`

    # ok: ruby-shell-command-non-constant
    out, status = Open3.capture2("git", "log", "--author", params[:author])

    # ok: ruby-shell-command-non-constant
    IO.popen(["grep", "-r", params[:q], "log/"]) { |io| io.read }

    # ok: ruby-shell-command-non-constant
    system("bundle exec rake assets:precompile")

    # ok: ruby-shell-command-non-constant
    system("ffmpeg -i #{Shellwords.escape(path)} out.mp4")

    # ok: ruby-shell-command-non-constant
    File.open(path) { |f| f.read }

    render plain: [uptime, out, status].join
  end
end
