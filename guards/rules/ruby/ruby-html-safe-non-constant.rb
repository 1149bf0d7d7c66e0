module CommentsHelper
  def greeting(user)
    # ruleid: ruby-html-safe-non-constant
    "<strong>Welcome, #{user.name}!</strong>".html_safe
  end

  def comment_body(comment)
    # ruleid: ruby-html-safe-non-constant
    comment.body.html_safe
  end

  def search_banner
    # ruleid: ruby-html-safe-non-constant
    raw("<p>Results for #{params[:q]}</p>")
  end

  def signature(user)
    html = "<em>" + user.signature + "</em>"
    # ruleid: ruby-html-safe-non-constant
    html.html_safe
  end

  def greeting_safely(user)
    # ok: ruby-html-safe-non-constant
    content_tag(:strong, "Welcome, #{user.name}!")
  end

  def comment_body_safely(comment)
    # ok: ruby-html-safe-non-constant
    sanitize(comment.body, tags: %w[b i em strong a p], attributes: %w[href]).html_safe
  end

  def separator
    # ok: ruby-html-safe-non-constant
    "&nbsp;&middot;&nbsp;".html_safe
  end

  def escaped_banner
    # ok: ruby-html-safe-non-constant
    "<p>Results for #{h(params[:q])}</p>".html_safe
  end

  def terms_link
    # ok: ruby-html-safe-non-constant
    t("signup.terms_html", url: terms_path).html_safe
  end
end
