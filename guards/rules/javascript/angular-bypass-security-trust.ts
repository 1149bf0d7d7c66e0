import { Component, Input } from "@angular/core";
import { ActivatedRoute } from "@angular/router";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import DOMPurify from "dompurify";

interface Comment {
  id: number;
  html: string;
}

@Component({ selector: "app-comment", template: `<div [innerHTML]="body"></div>` })
export class CommentComponent {
  @Input() comment!: Comment;

  constructor(private sanitizer: DomSanitizer, private route: ActivatedRoute) {}

  get body(): SafeHtml {
    // ruleid: angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustHtml(this.comment.html);
  }

  get video(): SafeResourceUrl {
    const id = this.route.snapshot.queryParamMap.get("v");
    // ruleid: angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustResourceUrl(`https://player.example.com/embed/${id}`);
  }

  link(url: string) {
    // ruleid: angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustUrl(url);
  }

  get banner(): SafeHtml {
    // ok: angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustHtml("<b>Welcome!</b>");
  }

  get cleaned(): SafeHtml {
    // ok: angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(this.comment.html));
  }

  get plain(): string {
    // ok: angular-bypass-security-trust
    return this.comment.html.replace(/<[^>]*>/g, "");
  }
}
