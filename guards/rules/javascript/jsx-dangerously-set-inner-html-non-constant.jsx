import React from "react";
import DOMPurify from "dompurify";

const CLOSE = { __html: "&times;" };

export class Article extends React.Component {
  getMarkup() {
    return { __html: this.state.htmlContent };
  }

  render() {
    const { post, comment } = this.props;
    const markup = { __html: comment.body };
    return (
      <div>
        {/* ruleid: jsx-dangerously-set-inner-html-non-constant */}
        <div dangerouslySetInnerHTML={this.getMarkup()} />
        {/* ruleid: jsx-dangerously-set-inner-html-non-constant */}
        <section dangerouslySetInnerHTML={markup} />
        {/* ruleid: jsx-dangerously-set-inner-html-non-constant */}
        <p dangerouslySetInnerHTML={post.rendered} />
        {/* ok: jsx-dangerously-set-inner-html-non-constant */}
        <button dangerouslySetInnerHTML={CLOSE} />
        {/* ok: jsx-dangerously-set-inner-html-non-constant */}
        <aside dangerouslySetInnerHTML={DOMPurify.sanitize(comment.body, { RETURN_TRUSTED_TYPE: false })} />
        {/* ok: jsx-dangerously-set-inner-html-non-constant */}
        <span dangerouslySetInnerHTML={{ __html: "&copy; 2024" }} />
        {/* ok: jsx-dangerously-set-inner-html-non-constant */}
        <p>{post.rendered}</p>
      </div>
    );
  }
}
