// The news editor (docs/adr/0031): Tiptap from django-prose-editor's bundle, served
// from our own static files. Without JavaScript the <textarea> stays and the server
// turns plain paragraphs into <p>; with it, the textarea is hidden and kept filled
// with the editor's HTML, which the server sanitises (nh3) on save as before.
// Tiptap's own <style> injection is off: the CSP allows style sheets from 'self'
// only, and editor.css carries those rules.
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  Image,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Strike,
  Subscript,
  Superscript,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  Underline,
} from "../django_prose_editor/editor.js"

function empty(html) {
  return /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
}

function imageControls(editor, textarea) {
  const box = textarea.form.querySelector("[data-editor-image]")
  if (!box) return
  box.hidden = false
  const file = box.querySelector("input[type=file]")
  const caption = box.querySelector("input[type=text]")
  const button = box.querySelector("button")
  const status = box.querySelector("[role=status]")
  const token = textarea.form.querySelector("[name=csrfmiddlewaretoken]").value
  button.addEventListener("click", async () => {
    if (!file.files.length) {
      status.textContent = box.dataset.msgChoose
      return
    }
    const chosen = file.files[0]
    const body = new FormData()
    body.append("image", chosen)
    body.append("title", caption.value.trim() || chosen.name.replace(/\.[^.]+$/, ""))
    button.disabled = true
    status.textContent = box.dataset.msgUploading
    try {
      const response = await fetch(box.dataset.uploadUrl, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": token },
        credentials: "same-origin",
      })
      const answer = await response.json()
      if (!response.ok) {
        status.textContent = answer.error || box.dataset.msgFailed
        return
      }
      editor.chain().focus().setImage({ src: answer.src, alt: answer.alt }).run()
      file.value = ""
      caption.value = ""
      status.textContent = box.dataset.msgDone
    } catch {
      status.textContent = box.dataset.msgFailed
    } finally {
      button.disabled = false
    }
  })
}

// The editable area is what people type in: it takes the textarea's label and help
// text (the textarea itself is hidden behind it).
function accessibleName(textarea) {
  const attributes = { role: "textbox", "aria-multiline": "true" }
  const label = document.querySelector(`label[for="${textarea.id}"]`)
  if (label) {
    label.id = label.id || `${textarea.id}-label`
    attributes["aria-labelledby"] = label.id
  }
  const described = textarea.getAttribute("aria-describedby")
  if (described) attributes["aria-describedby"] = described
  return attributes
}

// The library names its toolbar buttons in English with aria-label while their
// visible text is an icon font's ligature ("format_bold"): the name a screen reader
// says then differs from the text on the button. Each button is named in Vietnamese
// by its content instead, the ligature hidden from assistive technology.
function nameToolbar(element) {
  const source = document.getElementById("editor-toolbar-labels")
  const labels = source ? JSON.parse(source.textContent) : {}
  const name = (button) => {
    const english = button.getAttribute("title") || button.getAttribute("aria-label") || ""
    const label = labels[english] || english
    const icon = document.createElement("span")
    icon.setAttribute("aria-hidden", "true")
    icon.textContent = button.textContent
    const text = document.createElement("span")
    text.className = "visually-hidden"
    text.textContent = label
    button.replaceChildren(icon, text)
    button.removeAttribute("aria-label")
    button.title = label
    button.dataset.named = "vi"
  }
  const nameAll = () => {
    for (const button of element.querySelectorAll(".prose-menubar__button:not([data-named])")) {
      name(button)
    }
  }
  nameAll()
  // The block-type picker shows a copy of the chosen button as the selection moves.
  // The library draws and redraws its menubar itself; a look for unnamed buttons
  // after each change of the editor's tree is cheap.
  new MutationObserver(nameAll).observe(element, { childList: true, subtree: true })
}

function create(textarea) {
  const element = document.createElement("div")
  element.className = "prose-editor"
  textarea.before(element)
  element.append(textarea)
  const editor = new Editor({
    element,
    injectCSS: false,
    editorProps: { attributes: accessibleName(textarea) },
    content: textarea.value,
    extensions: [
      Document,
      Paragraph,
      Text,
      HardBreak,
      Dropcursor,
      Gapcursor,
      History,
      Menu,
      Bold,
      Italic,
      Underline,
      Strike,
      Subscript,
      Superscript,
      Heading.configure({ levels: [2, 3, 4] }),
      BulletList,
      OrderedList,
      ListItem,
      Blockquote,
      HorizontalRule,
      Link,
      Image,
      Table,
      TableRow,
      TableHeader,
      TableCell,
    ],
    onUpdate({ editor }) {
      textarea.value = empty(editor.getHTML())
    },
  })
  textarea.value = empty(editor.getHTML())
  nameToolbar(element)
  imageControls(editor, textarea)
  return editor
}

for (const textarea of document.querySelectorAll("textarea[data-rich-text]")) {
  create(textarea)
}
