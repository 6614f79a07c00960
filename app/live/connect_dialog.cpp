#include "app/connect_dialog.h"

#include "twin/live/mqtt_client.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace takt::app {
namespace {
const QString kBroker = QStringLiteral("live/broker");
const QString kCa = QStringLiteral("live/caFile");
const QString kFormat = QStringLiteral("live/format");
const QString kPlant = QStringLiteral("live/plant");
} // namespace

ConnectDialog::ConnectDialog(QWidget* parent)
    : QDialog(parent), m_url(new QLineEdit(this)), m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_ca(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_plant(new QLineEdit(this)), m_out(new QLineEdit(this))
{
    setWindowTitle(tr("Connect to a live feed"));
    const QSettings settings;
    m_url->setText(settings.value(kBroker, QStringLiteral("mqtt://localhost:1883")).toString());
    m_url->setToolTip(tr("mqtt://HOST:PORT, or mqtts://HOST:PORT for TLS"));
    m_user->setPlaceholderText(tr("none"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Kept in memory for this connection only"));
    m_ca->setText(settings.value(kCa).toString());
    m_ca->setPlaceholderText(tr("the system's certificates"));
    m_format->addItem(tr("Takt JSON"), QStringLiteral("json"));
    m_format->addItem(tr("Sparkplug B"), QStringLiteral("sparkplug"));
    m_format->setCurrentIndex(
        std::max(0, m_format->findData(settings.value(kFormat, QStringLiteral("json")))));
    m_plant->setText(settings.value(kPlant, LiveConnection::samplePlant()).toString());
    m_out->setPlaceholderText(tr("a new session in Takt's data folder"));

    const auto withBrowse = [this](QLineEdit* field, const QString& title, const QString& filter,
                                   bool save) {
        auto* row = new QHBoxLayout;
        row->addWidget(field, 1);
        auto* b = new QPushButton(tr("Browse…"), this);
        connect(b, &QPushButton::clicked, this, [=, this] { browse(field, title, filter, save); });
        row->addWidget(b);
        return row;
    };
    auto* form = new QFormLayout;
    form->addRow(tr("&Broker:"), m_url);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("CA file:"),
                 withBrowse(m_ca, tr("CA certificate"),
                            tr("Certificates (*.pem *.crt);;All files (*)"), false));
    form->addRow(tr("Payload &family:"), m_format);
    form->addRow(tr("Plant:"), withBrowse(m_plant, tr("Plant manifest"),
                                          tr("Plant manifests (*.json);;All files (*)"), false));
    form->addRow(tr("Record into:"),
                 withBrowse(m_out, tr("Session to record into"), tr("Sessions (*.takt)"), true));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

void ConnectDialog::browse(QLineEdit* field, const QString& title, const QString& filter, bool save)
{
    const QString path =
        save ? QFileDialog::getSaveFileName(this, title, field->text(), filter, nullptr,
                                            QFileDialog::DontConfirmOverwrite)
             : QFileDialog::getOpenFileName(this, title, field->text(), filter);
    if (!path.isEmpty())
        field->setText(path);
}

LiveConnection ConnectDialog::connection() const
{
    LiveConnection c;
    c.brokerUrl = m_url->text().trimmed();
    c.username = m_user->text();
    c.password = m_password->text();
    c.caFile = m_ca->text().trimmed();
    c.format = m_format->currentData().toString() == QStringLiteral("sparkplug")
                   ? twin::live::PayloadFormat::SparkplugB
                   : twin::live::PayloadFormat::TaktJson;
    c.plantPath = m_plant->text().trimmed();
    c.outPath = m_out->text().trimmed();
    return c;
}

void ConnectDialog::accept()
{
    try {
        twin::live::parseBrokerUrl(m_url->text().trimmed().toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, windowTitle(), QString::fromStdString(e.what()));
        return;
    }
    QSettings settings;
    settings.setValue(kBroker, m_url->text().trimmed());
    settings.setValue(kCa, m_ca->text().trimmed());
    settings.setValue(kFormat, m_format->currentData());
    settings.setValue(kPlant, m_plant->text().trimmed());
    QDialog::accept();
}

std::optional<LiveConnection> ConnectDialog::ask(QWidget* parent)
{
    ConnectDialog dialog(parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.connection();
}

} // namespace takt::app
